/**
 * What a per-IP limit counts. An IPv4 address is itself; an IPv6 client usually holds a whole /64 and can
 * pick a fresh address in it for every request, so IPv6 counts by its /64 prefix. IPv4-mapped IPv6
 * (`::ffff:192.0.2.1`, what a dual-stack Node socket reports) is the IPv4 address.
 */
export function ipSubject(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  // A trailing embedded IPv4 (`64:ff9b::192.0.2.1`) fills two groups; only the first four matter here.
  const groups = tail === undefined ? left : [...left, ...new Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
