/**
 * Consent texts the console can show, by the version the server asks for
 * (`aadhaar` step `consentVersion`, server/src/flows/consent.ts). It names Eko
 * and PayPoint India, the wallet issuer (eko-api.md §9 B.6). The words live in the catalogs so the
 * customer hears them in English or Hindi; the version is recorded with the
 * consent. A new legal text gets a new version and new ids, never an edit.
 */
export const consentTexts: Record<string, { title: { id: string }; paragraphs: { id: string }[] }> =
  {
    "aadhaar-consent-v1": {
      title: { id: "consent.aadhaar-consent-v1.title" },
      paragraphs: [
        { id: "consent.aadhaar-consent-v1.p1" },
        { id: "consent.aadhaar-consent-v1.p2" },
        { id: "consent.aadhaar-consent-v1.p3" },
        { id: "consent.aadhaar-consent-v1.p4" },
      ],
    },
  };
