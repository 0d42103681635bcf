/** One API call's outcome: a status and body, or a network failure (the server was gone). */
export type Outcome = { status: number; body: unknown } | { failed: string };

/** A JSON API call with a bearer token that never throws: network failures are outcomes too. */
export async function apiCall(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<Outcome> {
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: kept as text for the failure message.
    }
    return { status: res.status, body: parsed };
  } catch (err) {
    return { failed: err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? "")}` : String(err) };
  }
}

/** Annotations as GET /api/articles/:id lists them (the fields these tests compare). */
export interface ListedAnnotation {
  id: string;
  note: string;
  version: number;
  createdBy: { id: string };
}

export async function listAnnotations(baseUrl: string, token: string, articleId: string): Promise<ListedAnnotation[]> {
  const outcome = await apiCall(baseUrl, token, "GET", `/api/articles/${articleId}`);
  if (!("status" in outcome) || outcome.status !== 200) throw new Error(`Could not read the article: ${JSON.stringify(outcome).slice(0, 300)}`);
  return (outcome.body as { annotations: ListedAnnotation[] }).annotations;
}
