"""The rollup stage's tables: counters of obligations per org and due day, and per subtree."""

from django.db import models


class ObligationCounter(models.Model):
    """Per org and due day: how many obligations, how many done, how many waived. Kept in the
    same transaction as every change to obligations; a subtree's figures are the sum of its rows
    (a range on `org_path`), so no row is shared between orgs and the root is never a hot spot.
    Overdue is what is neither done nor waived with a due day before today."""

    org = models.ForeignKey("orgs.Org", on_delete=models.CASCADE, related_name="+")
    org_path = models.CharField(max_length=255)
    due = models.DateField()
    total = models.IntegerField(default=0)
    done = models.IntegerField(default=0)
    waived = models.IntegerField(default=0)
    weight = models.BigIntegerField(default=0)  # `weights.org_weight` of (org, due)
    node_weight = models.BigIntegerField(default=0)  # `weights.node_weight` of (due, the org's shard)

    class Meta:
        db_table = "programs_obligationcounter"  # made by the programs app before rollup had a home
        constraints = [models.UniqueConstraint(fields=["org", "due"], name="counter_unique")]
        indexes = [models.Index(fields=["org_path", "due"], name="counter_path_due")]

    def __str__(self) -> str:
        return f"{self.org_path} {self.due}: {self.done}/{self.total}"


class SubtreeCounter(models.Model):
    """The counters summed for a whole subtree (the node and everything under it), per due day,
    split into a few shards by the writing org so that concurrent writers below a busy node (the
    root, a province) rarely wait on the same row. A dashboard reads a node's rows, whatever the
    size of the tree under it. Kept for the top `DEPTH` levels of the tree (the party, provinces,
    communes); a deeper node's subtree is small, and its dashboard sums the org counters in its
    range instead. Most orgs are deep, so this keeps the table a tenth of the org counters' size."""

    SHARDS = 8
    DEPTH = 3

    node_path = models.CharField(max_length=255)
    due = models.DateField()
    shard = models.PositiveSmallIntegerField()
    total = models.IntegerField(default=0)
    done = models.IntegerField(default=0)
    waived = models.IntegerField(default=0)
    weight = models.BigIntegerField(default=0)  # `weights.node_weight` of (due, shard)

    class Meta:
        db_table = "programs_subtreecounter"
        constraints = [models.UniqueConstraint(fields=["node_path", "due", "shard"], name="subtree_counter_unique")]

    def __str__(self) -> str:
        return f"{self.node_path} {self.due} #{self.shard}: {self.done}/{self.total}"


class TaskCounter(models.Model):
    """The subtree counters split by task and period, for the matrix: per node of the top
    `SubtreeCounter.DEPTH` levels, task, period (start and due day) and shard. A national matrix
    of the provinces × the program's tasks reads these rows, not the millions of obligations
    under them; kept in the same transaction as the obligations, like the other counters."""

    node_path = models.CharField(max_length=255)
    task_id = models.IntegerField()
    start = models.DateField()
    due = models.DateField()
    shard = models.PositiveSmallIntegerField()
    total = models.IntegerField(default=0)
    done = models.IntegerField(default=0)
    waived = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["node_path", "task_id", "start", "due", "shard"], name="task_counter_unique")]

    def __str__(self) -> str:
        return f"{self.node_path} task {self.task_id} {self.start}–{self.due} #{self.shard}: {self.done}/{self.total}"


class OpenItemCounter(models.Model):
    """Follow-up items still open — commitments agreed with mass organizations, supervision
    findings, inspection recommendations… (`kind`) — per node (the org that must act and every
    org above it) and due day (`open_items.NO_DUE` for an item without one); overdue is what falls
    due before today. Kept by `rollup.open_items` in the transaction of every write on the items,
    checked by `danvan reconcile`; a row that falls to nothing is removed."""

    node_path = models.CharField(max_length=255)
    kind = models.CharField(max_length=24)
    due = models.DateField()
    open = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["node_path", "kind", "due"], name="open_item_counter_unique")]

    def __str__(self) -> str:
        return f"{self.node_path} {self.kind} {self.due}: {self.open}"
