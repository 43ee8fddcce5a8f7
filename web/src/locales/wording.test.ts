import { expect, test } from "vitest";

const catalogFiles = import.meta.glob<string>("./*/*.po", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** [language, id, message] for every single-line entry. */
const messages = Object.entries(catalogFiles).flatMap(([path, text]) => {
  const language = path.split("/")[1] as "en" | "hi";
  return [...text.matchAll(/^msgid "(.+)"\nmsgstr "(.*)"$/gm)].map(
    (match) => [language, match[1] as string, match[2] as string] as const,
  );
});

test("no Eko jargon reaches agents: no 'sender', no 'Eko code', no bare response codes", () => {
  expect(messages.length).toBeGreaterThan(400);
  const jargon =
    /\bsenders?\b|सेंडर|Eko code|Eko कोड|response[_ ]type|\b(?:2129|2130|2136|2147|309|308|300|585)\b/i;
  expect(messages.filter(([, , text]) => jargon.test(text))).toEqual([]);
});

test("Hindi reads naturally: 'वेरिफ़ाई करने के लिए', and nukta spellings used throughout", () => {
  const hindi = messages.filter(([language]) => language === "hi");
  expect(hindi.filter(([, , text]) => /करने को /.test(text))).toEqual([]);
  // One spelling per word, the one with the nukta the rest of the catalog uses (फ़, ज़).
  expect(hindi.filter(([, , text]) => /बाकी|गलत|खत्म|तारीख(?!़)/.test(text))).toEqual([]);
  expect(hindi.filter(([, , text]) => /वेरिफाई|वेरीफाई/.test(text))).toEqual([]);
});
