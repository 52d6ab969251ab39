import { describe, expect, it } from 'vitest';
import { ipSubject } from '../../src/domain/limits/ip-subject';

describe('ipSubject', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    [' 192.0.2.7 ', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['[2001:db8:1:2::9]', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
  ])('%s counts as %s', (ip, subject) => {
    expect(ipSubject(ip)).toBe(subject);
  });

  it('gives two addresses of one /64 one subject, and neighbouring /64s two', () => {
    expect(ipSubject('2001:db8:1:2::a')).toBe(ipSubject('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(ipSubject('2001:db8:1:2::a')).not.toBe(ipSubject('2001:db8:1:3::a'));
  });
});
