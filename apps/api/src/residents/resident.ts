/** A signed-in resident: a session proves one email address (trimmed, lower case), nothing more. */
export interface Resident {
  email: string;
}
