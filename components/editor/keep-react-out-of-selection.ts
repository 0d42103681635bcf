/**
 * Stops React from measuring the editor's selection around every render.
 *
 * Before each commit, anywhere on the page, React records the selection of the focused element
 * when that element is a text field or a contenteditable ("true" === element.contentEditable),
 * so it can restore it should the commit move focus. For a contenteditable it walks every node
 * inside it to turn the selection into character offsets: on a 10,000-word article with 2,000
 * highlights that walk took 2 to 5 ms per commit, and one tag makes several commits (the sidebar,
 * the save indicator, the server's answer). React offers no way to opt out (react#1350).
 * ProseMirror owns this DOM and its selection, and React never renders inside it, so the
 * record is of no use here: the editor's root reports itself to scripts as not editable by its
 * own attribute. The attribute itself, which the browser and ProseMirror go by, is untouched;
 * `isContentEditable` still tells the truth.
 */
export function keepReactOutOfSelection(root: HTMLElement): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "contentEditable")?.set;
  Object.defineProperty(root, "contentEditable", {
    configurable: true,
    get: () => "inherit",
    set(value: string) {
      setter?.call(root, value);
    },
  });
}
