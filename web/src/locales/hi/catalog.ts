import { messages as firstScreen } from "./first-screen.po";
import { messages as app } from "./messages.po";

/** All of Hindi, one chunk: fetched the first time Hindi is needed (lib/i18n.ts). */
export const messages = { ...firstScreen, ...app };
