/**
 * Sends Auth0's SMS (MFA codes, passwordless) through the shop's own SMS provider.
 * The provider's API key comes from a Kubernetes Secret as event.secrets.SMS_API_KEY.
 */
const axios = require('axios');

exports.onExecuteSendPhoneMessage = async (event) => {
  await axios.post(
    'https://api.sms-provider.example.com/v1/messages',
    { to: event.message_options.recipient, text: event.message_options.text },
    { headers: { Authorization: `Bearer ${event.secrets.SMS_API_KEY}` }, timeout: 5000 },
  );
};
