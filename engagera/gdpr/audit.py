"""Audit entries for exports, erasures and retention, when the audit app provides them.

`engagera.audit.actions.record` is imported lazily, so this app works with and without
the audit app. Entries name the person by their key (an id) in the details; a target's
label is blanked by the audit data type's erasure.
"""


def record(action: str, *, actor=None, organisation=None, target=None, **details) -> bool:
    try:
        from engagera.audit.actions import record as audit_record
    except ImportError:
        return False
    audit_record(action, actor=actor, organisation=organisation, target=target, details=details)
    return True
