/**
 * Runs before the SMS is sent: refuses messages to numbers outside the countries the shop
 * serves, and leaves a trace in the Actions logs.
 */
const ALLOWED_PREFIXES = ['+33', '+44', '+49', '+81'];

exports.onExecuteSendPhoneMessage = async (event, api) => {
  const to = event.message_options.recipient;
  if (!ALLOWED_PREFIXES.some((p) => to.startsWith(p))) {
    throw new Error(`SMS to ${to.slice(0, 3)}… refused: country not served`);
  }
  console.log(`SMS ${event.message_options.message_type} via ${event.message_options.action} requested`);
};
