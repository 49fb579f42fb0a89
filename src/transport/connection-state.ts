/**
 * Where the live connection stands:
 * - `idle`: no conversation yet, or stopped;
 * - `connecting`: the first connection is being set up;
 * - `connected`: the session is configured and messages flow;
 * - `reconnecting`: the connection dropped and is being set up again;
 * - `offline`: the browser is offline, or attempts keep failing (they go on, more slowly).
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';
