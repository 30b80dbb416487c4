/** A message bundle in one language, cut by web/build/message-bundles-plugin.ts: messages by dotted key. */
declare module 'virtual:messages/*' {
  const messages: Readonly<Record<string, string>>;
  export default messages;
}
