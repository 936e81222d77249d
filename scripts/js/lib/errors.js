// Errors the toolkit's libraries throw. No imports, so modules the explorer page loads in
// the browser may throw them too.

/** An error whose message is the whole story for the user: printed without a stack trace. */
export class CliError extends Error {}
