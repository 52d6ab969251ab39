/**
 * What a scenario needs from a home (Node or the Worker in workerd) to run against it. Scenarios speak HTTP only,
 * at the real "now": the Worker's clock cannot be moved, so nothing here sets the time.
 */
export interface ScenarioTarget {
  name: string;
  /** A request to the home; `path` starts with `/`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /**
   * The newest sign-in link the home's mail transport delivered to `email` that no earlier call returned
   * (Node: a capturing mailer; Worker: the console transport's line in `wrangler dev`'s output). Waits for it.
   */
  mailedLink(email: string): Promise<string>;
  /** One run of the scheduled jobs (Node: tick then the outbox; Worker: its Cron Trigger fired in workerd). */
  runScheduler(): Promise<void>;
  /** Reads or writes the home's database directly, for set-up the API cannot express and for checks. */
  query(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
  /** The bytes the home's image store holds under `key` (Node: its folder; Worker: the R2 bucket). */
  storedImage(key: string): Promise<{ body: Uint8Array; contentType: string } | null>;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** A JSON client for one signed-in person (or a visitor, with no cookie). */
export function client(target: ScenarioTarget, cookie?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const h: Record<string, string> = { ...headers };
    if (cookie) h.Cookie = cookie;
    let payload: BodyInit | undefined;
    if (body instanceof Uint8Array) payload = body as Uint8Array<ArrayBuffer>;
    else if (body !== undefined) {
      h['Content-Type'] ??= 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await target.fetch(path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

/**
 * A fixed-offset zone where it is about noon right now, so "today" cannot roll over while a scenario runs,
 * whatever the hour in UTC: Etc/GMT-14 … Etc/GMT+12 cover every offset (their sign is inverted, as in POSIX).
 */
export function zoneNearNoon(now = new Date()): string {
  const offset = Math.round(12 - (now.getUTCHours() + now.getUTCMinutes() / 60)); // -12 … +12 hours
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** YYYY-MM-DD plus n days (calendar arithmetic only). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Short random suffix so scenarios never collide in a database another scenario also used. */
export const uniq = () => Math.random().toString(36).slice(2, 8);

/** A valid 2×1 PNG (8-bit RGB), small enough to read in a failure message. */
export const TINY_PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4X8HAEHUCAAnVAppWzs9KAAAAAElFTkSuQmCC',
  ),
  (ch) => ch.charCodeAt(0),
);
