import { readFileSync, readdirSync } from "node:fs";
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";

/** Validators for the export formats, shared by the unit and integration tests of the exports. */

const exportDir = new URL("../../../lib/export/", import.meta.url);
const w3cDir = new URL("../../fixtures/w3c-web-annotation-tests/", import.meta.url);

const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, "utf8"));

/** Validates a document against the committed Newsmark JSON schema; returns ajv's errors (empty when valid). */
export const validateNewsmarkJson = (() => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(readJson(new URL("newsmark-article.schema.json", exportDir)) as object);
  return (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []));
})();

/** One W3C test-suite assertion: a draft-04 schema plus how the suite reads its outcome. */
export interface W3cAssertion {
  file: string;
  assertionType: string;
  expectedResult: "valid" | "invalid";
  onUnexpectedResult: string;
  /** Whether the suite counts this document as passing the assertion. */
  passes(doc: unknown): boolean;
  /** ajv's errors for the document, for failure messages. */
  errors(doc: unknown): string;
}

function suiteAjv(): AjvDraft04 {
  // The suite's own keywords carry metadata for its harness, not constraints.
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const file of readdirSync(new URL("definitions/", w3cDir))) {
    ajv.addSchema(readJson(new URL(`definitions/${file}`, w3cDir)) as object);
  }
  return ajv;
}

/** Loads every assertion a `.test` file of the suite lists (paths relative to the copied folder). */
export function loadW3cAssertions(testFile: string): W3cAssertion[] {
  const ajv = suiteAjv();
  const list = readJson(new URL(testFile, w3cDir)) as { assertions: string[] };
  return list.assertions.map((file) => {
    const schema = readJson(new URL(file, w3cDir)) as {
      assertionType: string;
      expectedResult: "valid" | "invalid";
      onUnexpectedResult: string;
    };
    const validate = ajv.compile(schema);
    return {
      file,
      assertionType: schema.assertionType,
      expectedResult: schema.expectedResult,
      onUnexpectedResult: schema.onUnexpectedResult,
      // As the suite's harness does: the assertion holds when validity matches `expectedResult`;
      // otherwise `onUnexpectedResult` says whether that is a failure or only a missed option.
      passes(doc) {
        const asExpected = validate(doc) === (schema.expectedResult === "valid");
        return asExpected || schema.onUnexpectedResult.startsWith("pass");
      },
      errors(doc) {
        validate(doc);
        return ajv.errorsText(validate.errors);
      },
    };
  });
}
