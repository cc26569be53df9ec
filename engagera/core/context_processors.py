def organisation(request):
    membership = getattr(request, "membership", None)
    return {"membership": membership, "organisation": getattr(request, "organisation", None)}
