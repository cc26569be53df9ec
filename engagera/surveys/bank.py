"""The shared question bank, written for Engagera (no licensed instrument's wording).

Each agreement question is answered on 1 (strongly disagree) to 5 (strongly agree) and
serves exactly one driver of the practice catalogue. The one recommendation question is
answered 0-10 and gives the employee recommendation score (promoters minus detractors).
"""

AGREEMENT = [
    # purpose
    ("purpose-see-who-benefits", "purpose",
     "Jag ser vilka som har nytta av det jag gör.",
     "I can see who benefits from the work I do."),
    ("purpose-goals-clear", "purpose",
     "Jag vet vilka mål mitt team arbetar mot just nu.",
     "I know which goals my team is working towards right now."),
    ("purpose-worth-effort", "purpose",
     "Det jag gör på jobbet känns värt besväret.",
     "What I do at work feels worth the effort."),
    # autonomy
    ("autonomy-own-way", "autonomy",
     "Jag kan själv välja hur jag lägger upp mitt arbete.",
     "I can choose for myself how to go about my work."),
    ("autonomy-asked-before", "autonomy",
     "Jag blir tillfrågad innan beslut som påverkar mitt arbete fattas.",
     "I am asked before decisions that affect my work are made."),
    ("autonomy-trusted", "autonomy",
     "Jag litas på att sköta mina uppgifter utan detaljstyrning.",
     "I am trusted to handle my tasks without being micromanaged."),
    # feedback
    ("feedback-know-how-going", "feedback",
     "Jag vet hur det går för mig i arbetet.",
     "I know how well my work is going."),
    ("feedback-specific", "feedback",
     "Den återkoppling jag får är konkret nog att göra något med.",
     "The feedback I get is specific enough to act on."),
    ("feedback-regular", "feedback",
     "Min chef och jag pratar regelbundet om hur arbetet går.",
     "My manager and I talk regularly about how the work is going."),
    # recognition
    ("recognition-noticed", "recognition",
     "När jag gör något bra märks det.",
     "When I do something well, it gets noticed."),
    ("recognition-colleagues", "recognition",
     "Vi i teamet visar varandra uppskattning.",
     "People in my team show appreciation for each other."),
    ("recognition-suits-me", "recognition",
     "Jag blir uppskattad på ett sätt som passar mig.",
     "I am appreciated in a way that suits me."),
    # relationships
    ("relationships-trust-manager", "relationships",
     "Jag kan lita på att min chef gör det hen säger.",
     "I can rely on my manager to do what they say."),
    ("relationships-help", "relationships",
     "Mina kollegor hjälper till när det behövs.",
     "My colleagues lend a hand when it is needed."),
    ("relationships-belong", "relationships",
     "Jag känner mig som en del av gemenskapen i teamet.",
     "I feel part of the group in my team."),
    # growth
    ("growth-learning", "growth",
     "Jag lär mig saker i jobbet som jag har nytta av framåt.",
     "I learn things at work that will help me going forward."),
    ("growth-challenge", "growth",
     "Mina uppgifter utmanar mig lagom mycket.",
     "My tasks stretch me about the right amount."),
    ("growth-way-forward", "growth",
     "Jag ser en väg framåt för mig här.",
     "I can see a way forward for myself here."),
    # workload
    ("workload-manageable", "workload",
     "Min arbetsmängd går att hinna med under arbetstid.",
     "My workload can be done within working hours."),
    ("workload-priorities", "workload",
     "Jag vet vad som ska prioriteras när tiden inte räcker.",
     "I know what to put first when time runs short."),
    ("workload-recover", "workload",
     "Jag hinner återhämta mig mellan intensiva perioder.",
     "I get time to recover between busy periods."),
    # ideas
    ("ideas-speak-up", "ideas",
     "Jag kan säga vad jag tycker utan att oroa mig för följderna.",
     "I can say what I think without worrying about the consequences."),
    ("ideas-taken-up", "ideas",
     "Förslag från oss medarbetare tas på allvar.",
     "Suggestions from us employees are taken seriously."),
    ("ideas-mistakes", "ideas",
     "Här går det bra att erkänna ett misstag.",
     "Here it is fine to own up to a mistake."),
    # strengths
    ("strengths-use", "strengths",
     "Jag får använda det jag är bra på i mitt arbete.",
     "My work lets me use what I am good at."),
    ("strengths-manager-knows", "strengths",
     "Min chef vet vad jag är bra på.",
     "My manager knows what I am good at."),
    ("strengths-tasks-fit", "strengths",
     "Uppgifter fördelas så att var och ens styrkor kommer till nytta.",
     "Tasks are shared out so that each person's strengths are put to use."),
]  # fmt: skip

# Answered 0-10. Tied to the relationships driver: whether one would send a friend here.
RECOMMEND = (
    "recommend-workplace",
    "relationships",
    "Hur troligt är det att du skulle rekommendera din arbetsplats till en vän?",
    "How likely are you to recommend your workplace to a friend?",
)
