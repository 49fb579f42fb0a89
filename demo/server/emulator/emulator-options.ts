/** Behaviour of the emulated Web Messaging deployment; every field has the documented Genesys default. */
export interface EmulatorOptions {
  /** Live connections one session may hold; the oldest is evicted past this (Genesys: 3). */
  maxConnectionsPerSession: number;
  /** `onMessage` requests accepted per session per second (Genesys: 2). */
  messagesPerSecond: number;
  /** Longest guest text accepted; longer gets error 4011. */
  maxTextLength: number;
  /** Budget for `customAttributes`, in UTF-8 bytes of keys and values; over it gets error 4013. */
  maxCustomDataBytes: number;
  /** Exact origins allowed to open a socket or read history; `'any'` allows every origin. */
  allowedOrigins: readonly string[] | 'any';
  /** Nickname agent messages carry when the console does not give one. */
  agentNickname: string;
  /** Bytes all stored files may take together (they are held in memory); an upload past it is refused with 4002. */
  maxStoredFileBytes: number;
}

export const defaultEmulatorOptions: EmulatorOptions = {
  maxConnectionsPerSession: 3,
  messagesPerSecond: 2,
  maxTextLength: 4096,
  maxCustomDataBytes: 2048,
  allowedOrigins: 'any',
  agentNickname: 'Sam',
  maxStoredFileBytes: 100 * 1024 * 1024,
};
