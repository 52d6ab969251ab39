/** Polls `check` every `everyMs` until it holds or `ms` have passed; says whether it held (checked once more at the end). */
export async function eventually(check: () => Promise<boolean>, ms = 10_000, everyMs = 25): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, everyMs))) if (await check()) return true;
  return check();
}
