/**
 * Lets requests waiting on the event loop go first. On Node the database calls complete synchronously, so
 * long work that only awaited them would run from start to end in one go and hold back every request until
 * it is done; work in parts awaits this between them (on Workers it only lets the isolate's other requests in).
 */
export const yieldToRequests = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));
