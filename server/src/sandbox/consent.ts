import type { Envelope } from "./envelopes.ts";

/** The 13 languages of the B.5 sample (eko-api.md §9), pkid → name. */
export const consentLanguages = [
  "English",
  "Bengali",
  "Gujarati",
  "Hindi",
  "Kannada",
  "Malayalam",
  "Marathi",
  "Odia",
  "Tamil",
  "Telugu",
  "Urdu",
  "Assamese",
  "Punjabi",
] as const;

export function isConsentLanguage(pkid: string): boolean {
  const index = Number(pkid);
  return /^\d+$/.test(pkid) && index >= 1 && index <= consentLanguages.length;
}

/** 2444 (§9 B.5). */
export function consentLanguageList(): Envelope {
  return {
    response_status_id: 0,
    data: {
      consent_language_list: consentLanguages.map((name, index) => ({
        pkid: String(index + 1),
        consentLanguage: name,
      })),
    },
    response_type_id: 2444,
    message: "Consent Language Successfully Retrieved",
    status: 0,
  };
}

// SANDBOX-DEFINED text: Eko's sample shows only the structure (long legal text,
// paragraphs joined by "\r\n "). Hindi gets its own text; every other language
// falls back to English, which the console must cope with anyway.
const ENGLISH = [
  "I hereby give my consent to Paypoint India Network Private Limited to obtain my Aadhaar number and to authenticate it with UIDAI by OTP.",
  "I understand that the Aadhaar-based OTP authentication is used only to verify my identity for opening and upgrading my prepaid wallet.",
  "I understand that my Aadhaar number and demographic data will not be stored or shared beyond what the law permits.",
].join("\r\n ");
const HINDI = [
  "मैं पेपॉइंट इंडिया नेटवर्क प्राइवेट लिमिटेड को अपना आधार नंबर प्राप्त करने और OTP द्वारा UIDAI से उसका प्रमाणीकरण करने की सहमति देता/देती हूँ।",
  "मैं समझता/समझती हूँ कि आधार OTP प्रमाणीकरण का उपयोग केवल मेरे प्रीपेड वॉलेट को खोलने और अपग्रेड करने के लिए मेरी पहचान सत्यापित करने हेतु किया जाएगा।",
  "मैं समझता/समझती हूँ कि मेरा आधार नंबर और जनसांख्यिकीय डेटा कानून की अनुमति से अधिक संग्रहीत या साझा नहीं किया जाएगा।",
].join("\r\n ");

/** 2446 (§9 B.6) for a pkid already checked by `isConsentLanguage`. */
export function consentDetails(pkid: string, audioUrlFor: (language: string) => string): Envelope {
  const language = consentLanguages[Number(pkid) - 1] ?? "English";
  const hindi = language === "Hindi";
  return {
    response_status_id: 0,
    data: {
      consent_detail: {
        consentContent: hindi ? HINDI : ENGLISH,
        // SANDBOX-DEFINED: Eko's sample links a PayPoint MP3; the sandbox links its own clip.
        audioUrl: audioUrlFor(hindi ? "Hindi" : "English"),
        consentId: Number(pkid),
        consent: hindi
          ? "मैं पेपॉइंट इंडिया नेटवर्क प्राइवेट लिमिटेड को आधार OTP प्रमाणीकरण की सहमति देता/देती हूँ।"
          : "I agree to Aadhaar OTP authentication by Paypoint India Network Private Limited.",
        consentLanguage: language,
      },
    },
    response_type_id: 2446,
    message: "Consent Language Successfully Retrieved",
    status: 0,
  };
}
