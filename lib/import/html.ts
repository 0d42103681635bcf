import { parseHTML } from "linkedom";
import { DOMParser as ProseMirrorDOMParser, type Node } from "prosemirror-model";
import { schema } from "@/lib/editor/schema";
import { dropBlankBlocks } from "@/lib/import/blank-content";
import { ContentError } from "@/lib/import/content-error";

// ProseMirror only skips a handful of these (script, style, noscript, object…);
// the rest would leak their inner text, e.g. a fallback inside <iframe> or an
// <svg><script>. Form fields are dropped because their text is not article copy.
const REMOVED_ELEMENTS = [
  "head", "title", "meta", "link", "base",
  "script", "style", "template", "noscript",
  "iframe", "frame", "frameset", "object", "embed", "applet", "param",
  "svg", "math", "canvas", "audio", "video", "picture", "source", "track", "map",
  "textarea", "select", "option", "datalist", "input", "button",
].join(",");

const domParser = ProseMirrorDOMParser.fromSchema(schema);

function htmlBody(html: string): HTMLElement {
  // linkedom's parseHTML cannot handle bare fragments (no <html> means no body),
  // and wrapping the input would let a stray "</body>" cut it short; setting
  // innerHTML on a skeleton body copes with both fragments and full documents.
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const body = document.body as unknown as HTMLElement;
  // A doctype inside innerHTML corrupts linkedom's sibling chain: everything after
  // it vanishes and the next innerHTML write throws. It carries no content anyway;
  // the pattern ends at the first ">" exactly as the tokenizer does.
  body.innerHTML = html.replace(/<!doctype\b[^>]*>/gi, "");
  return body;
}

/** Parses HTML into an article document, keeping only what the schema can express. */
export function parseHtml(html: string): Node {
  const body = htmlBody(html);
  for (const element of Array.from(body.querySelectorAll(REMOVED_ELEMENTS))) element.remove();
  const doc = dropBlankBlocks(domParser.parse(body));
  if (!doc) throw new ContentError("HTML content contains no text");
  return doc;
}
