"""The writes of the programs stage, one module per idea: `editing` (programs and tasks),
`cascade` (sending down the tree, adopting), `obligations` (making and waiving obligations).
Every write is a keyword-only function, one transaction, with an audit row."""

from danvan.programs.services.cascade import adoption_adopt, program_cascade
from danvan.programs.services.editing import (
    PROGRAM_FIELDS,
    TASK_FIELDS,
    program_create,
    program_create_by_hand,
    program_update,
    task_add_own,
    task_save,
)
from danvan.programs.services.obligations import (
    GENERATION_BATCH,
    INLINE_CASCADE,
    generate_pending,
    obligation_waive,
    obligations_generate,
    obligations_generate_many,
)

__all__ = [
    "GENERATION_BATCH",
    "INLINE_CASCADE",
    "PROGRAM_FIELDS",
    "TASK_FIELDS",
    "adoption_adopt",
    "generate_pending",
    "obligation_waive",
    "obligations_generate",
    "obligations_generate_many",
    "program_cascade",
    "program_create",
    "program_create_by_hand",
    "program_update",
    "task_add_own",
    "task_save",
]
