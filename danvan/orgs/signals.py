"""What the org tree tells other apps."""

from django.dispatch import Signal

# A subtree moved in the tree: `old_path` is where it was, `new_path` where it is now. Sent inside
# the move's transaction, after every `org_path` column has been rewritten to the new place.
org_moved = Signal()
