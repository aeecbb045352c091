/** An Open311 error answer: the status and the spec's list of `{code, description}`. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 429,
    readonly errors: string[],
  ) {
    super(errors.join('; '));
  }
}
