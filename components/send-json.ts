/** The outcome of one API call from a form: the body on success, the API's message otherwise. */
export type SendResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; message: string };

/**
 * Sends a JSON request to the app's API and reads the answer, turning the error envelope (or a
 * network failure) into one message a form can show.
 */
export async function sendJson<T>(method: string, url: string, body?: unknown): Promise<SendResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = res.status === 204 ? undefined : ((await res.json().catch(() => undefined)) as unknown);
    if (res.ok) return { ok: true, status: res.status, body: parsed as T };
    const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message;
    return { ok: false, status: res.status, message: message ?? `The request failed (HTTP ${res.status}).` };
  } catch {
    return { ok: false, status: 0, message: "Could not reach Newsmark; nothing was changed." };
  }
}
