// The resolve hook for developer tasks (`node --import ./scripts/ts-resolve-hook.mjs …`): the same
// one the grading worker registers in production, which is why it lives under lib/.
import '../lib/sources/grading-worker/ts-resolve-hook.mjs';
