import type { Generated } from "kysely";

/** Times are ISO-8601 UTC text on both engines, so they sort and compare the same way. */
export type Database = {
  agents: {
    id: string;
    login: string;
    name: string;
    password_hash: string;
    eko_user_code: string;
    role: "agent" | "admin";
    disabled: number;
    language: string;
    /** 1 after an admin's password reset: the next sign-in must set a new one. Added by 003. */
    must_change_password: Generated<number>;
    created_at: string;
  };
  sessions: {
    /** SHA-256 of the cookie value: a database dump cannot be replayed as a session. */
    id_hash: string;
    agent_id: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  };
  flows: {
    id: string;
    agent_id: string;
    rail: string;
    mobile: string;
    step_json: string;
    /** otp_ref_id, wallet_token, wallet_id: AES-256-GCM sealed, never plain (see sealed-box.ts). */
    sealed_secrets: string;
    version: number;
    lock_owner: string | null;
    lock_expires_at: string | null;
    created_at: string;
    updated_at: string;
    /** An Eko write in flight (migration 007): set before it is sent, cleared with its answer. */
    inflight_call: Generated<string | null>;
    inflight_client_ref_id: Generated<string | null>;
    inflight_started_at: Generated<string | null>;
    /** The audit action and status_unknown action of that write, and who sent it. */
    inflight_action: Generated<string | null>;
    inflight_unknown_as: Generated<string | null>;
    inflight_agent_id: Generated<string | null>;
    /** When the purge should look at the sealed secrets (their useful life ends). Added by 007. */
    secrets_review_at: Generated<string | null>;
    /** Keyed hash of the mobile (mobile-lookup.ts) for the open-flows search; null before migration 008. */
    mobile_lookup: string | null;
  };
  audit_events: {
    id: string;
    at: string;
    agent_id: string;
    action: string;
    rail: string | null;
    flow_id: string | null;
    mobile_masked: string | null;
    eko_response_type_id: number | null;
    outcome: string;
    request_id: string;
    latency_ms: number | null;
    /** Why, in a word or two (`bad_password`, `locked`); never a secret. Added by 002. */
    detail: string | null;
    /** HMAC of the full mobile (store/mobile-lookup.ts), for search; never the number. Added by 003. */
    mobile_lookup: string | null;
    /** contract/flow-reference.ts of flow_id, for search. Added by 003. */
    flow_reference: string | null;
  };
  consent_records: {
    id: string;
    at: string;
    agent_id: string;
    flow_id: string;
    language: string;
    aadhaar_masked: string;
    text_version: string;
    /** Added by 003 (DigiKhata, §9 B.6); null for Levin's own consent text. */
    eko_consent_id: string | null;
    text_sha256: string | null;
    /** 1 played, 0 not; null where there is no recording. */
    audio_played: number | null;
  };
  rate_limits: {
    key: string;
    count: number;
    window_ends_at: string;
    locked_until: string | null;
  };
};
