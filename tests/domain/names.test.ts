import { describe, expect, it } from 'vitest';
import { suggestName } from '../../src/domain/identity/users';

describe('the display name offered at a first sign-in', () => {
  it('reads a friendly name from the address, leaving out digits, tags and initials', () => {
    expect(suggestName('priya.sharma+kindling@example.org')).toBe('Priya Sharma');
    expect(suggestName('Jean-Luc_Picard@example.org')).toBe('Jean Luc Picard');
    expect(suggestName('anne.o@example.org')).toBe('Anne');
    expect(suggestName('élodie@example.fr')).toBe('Élodie');
  });

  it('offers nothing when the address has no name in it', () => {
    expect(suggestName('x@example.org')).toBe('');
    expect(suggestName('12345@example.org')).toBe('');
  });
});
