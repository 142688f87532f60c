// The /api/v1 client: POST bodies are the library's request JSON (CLI flag names with dashes as
// underscores), answers are the JSON `suanli <verb> --format json` prints, errors are
// {code, message, problems, hints}.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ErrorBody {
  code: string;
  message: string;
  problems: unknown[];
  hints: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === "object" && v !== null && "message" in v && "code" in v;
}

async function answer<T>(path: string, response: Response): Promise<T> {
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.ok && parsed !== undefined) return parsed as T;
  if (isErrorBody(parsed)) {
    return Promise.reject(
      new ApiError(response.status, {
        code: parsed.code,
        message: parsed.message,
        problems: Array.isArray(parsed.problems) ? parsed.problems : [],
        hints: Array.isArray(parsed.hints) ? parsed.hints : [],
      }),
    );
  }
  return Promise.reject(
    new ApiError(response.status, {
      code: response.ok ? "bad_answer" : `http_${response.status}`,
      message: `${path}: HTTP ${response.status}, ${response.ok ? "not JSON" : text.slice(0, 200)}`,
      problems: [],
      hints: ["is `suanli serve` running and reachable from this page?"],
    }),
  );
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`api/v1/${path}`, init);
  } catch (e) {
    throw new ApiError(0, {
      code: "network",
      message: `${path}: ${(e as Error).message}`,
      problems: [],
      hints: ["is `suanli serve` running and reachable from this page?"],
    });
  }
}

async function call<T>(path: string, init: RequestInit): Promise<T> {
  return answer<T>(path, await send(path, init));
}

// A request body without the fields the form left empty, so the library applies its defaults.
export function body(values: Record<string, string | number | boolean | string[] | undefined>) {
  const out: Record<string, string | number | boolean | string[]> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

export function post<T>(path: string, request: object): Promise<T> {
  return call<T>(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
}

export interface Progress {
  done: number;
  total: number;
  elapsed_s: number;
}

// One server-sent event: its name and its data lines joined.
function parseEvent(block: string): { event: string; data: string } {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
  }
  return { event, data: data.join("\n") };
}

// A long search (compare, plan, train) with `?stream=1`: `progress` events go to onProgress, the
// `result` event is the answer, an `error` event the error body. A server that answers plainly
// (an error before the search starts) is read as post() reads it.
export async function postStream<T>(path: string, request: object, onProgress: (p: Progress) => void): Promise<T> {
  const response = await send(`${path}?stream=1`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(request),
  });
  if (!response.ok || !response.body || !(response.headers.get("Content-Type") ?? "").startsWith("text/event-stream")) {
    return answer<T>(path, response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value.replace(/\r\n/g, "\n");
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const { event, data } = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event === "progress") onProgress(JSON.parse(data) as Progress);
      else if (event === "result") return JSON.parse(data) as T;
      else if (event === "error") {
        const body = JSON.parse(data) as ErrorBody;
        throw new ApiError(0, { ...body, problems: body.problems ?? [], hints: body.hints ?? [] });
      }
    }
    if (done) break;
  }
  throw new ApiError(0, {
    code: "bad_answer",
    message: `${path}: the event stream ended without a result`,
    problems: [],
    hints: [],
  });
}

export function get<T>(path: string): Promise<T> {
  return call<T>(path, { method: "GET" });
}

const lists = new Map<string, Promise<{ id: string; name?: string }[]>>();

// The catalog lists (chips, systems, models), fetched once per page load.
export function catalogIds(kind: "chips" | "systems" | "models"): Promise<string[]> {
  let p = lists.get(kind);
  if (!p) {
    p = get<{ id: string }[]>(kind);
    lists.set(kind, p);
    p.catch(() => lists.delete(kind));
  }
  return p.then((items) => items.map((i) => i.id));
}
