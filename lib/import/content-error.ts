/** Raised when imported content cannot become an article; the message is shown to people. */
export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContentError";
  }
}
