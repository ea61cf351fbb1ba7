/**
 * Sends Auth0's SMS (MFA codes, passwordless) through the shop's own Amazon SNS account, and
 * names the application the code is for. Auth0 calls it when MFA's phone factor uses the
 * custom provider (MultiFactorAuth spec.phone.provider: phone-message-hook). The AWS keys come
 * from a Kubernetes Secret as event.secrets.
 */
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');

exports.onExecuteSendPhoneMessage = async (event) => {
  const sns = new SNSClient({
    region: event.secrets.AWS_REGION,
    credentials: {
      accessKeyId: event.secrets.AWS_ACCESS_KEY_ID,
      secretAccessKey: event.secrets.AWS_SECRET_ACCESS_KEY,
    },
  });
  const app = event.client && event.client.name ? event.client.name : 'your account';
  const { recipient, text, code } = event.message_options;
  await sns.send(new PublishCommand({
    PhoneNumber: recipient,
    Message: code ? `${code} is your ${app} verification code.` : text,
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    },
  }));
};
