/**
 * SANDBOX-DEFINED: the consent recording Eko links from B.6 (`audioUrl`,
 * a PayPoint MP3 in the sample). The sandbox serves its own short clip — a
 * second of two soft tones, 8 kHz mono 8-bit PCM WAV, generated here — so the
 * console's audio proxy is exercised without any third-party download.
 */

const SAMPLE_RATE = 8000;
const SECONDS = 1;

function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE, 28); // byte rate: 1 byte per sample
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

let clip: Buffer | undefined;

/** The clip, built once: 440 Hz then 660 Hz, faded in and out so it does not click. */
export function consentClip(): Buffer {
  if (clip) return clip;
  const samples = SAMPLE_RATE * SECONDS;
  const data = Buffer.alloc(samples);
  for (let i = 0; i < samples; i++) {
    const t = i / SAMPLE_RATE;
    const frequency = i < samples / 2 ? 440 : 660;
    const fade = Math.min(1, i / 400, (samples - i) / 400);
    data[i] = Math.round(128 + 40 * fade * Math.sin(2 * Math.PI * frequency * t));
  }
  clip = Buffer.concat([wavHeader(samples), data]);
  return clip;
}

/** Where the sandbox serves it: next to its Eko API (`…/sandbox/ekoapi/v3/…` → `…/sandbox/audio/…`). */
export function consentAudioUrl(requestUrl: string, language: string): string {
  const url = new URL(requestUrl);
  const root = url.pathname.replace(/\/(ekoapi|ekoicici)\/v\d+\/.*$/, "");
  return `${url.origin}${root}/audio/consent-${language.toLowerCase()}.wav`;
}
