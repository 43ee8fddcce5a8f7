export const rails = ["customer-account", "digikhata", "levin"] as const;
export type Rail = (typeof rails)[number];
