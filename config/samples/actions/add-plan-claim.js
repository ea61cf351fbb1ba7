/**
 * Adds the user's subscription plan to the ID and access tokens as a namespaced custom claim.
 * Kept as a file in Git; kustomize's configMapGenerator puts it in the login-actions ConfigMap.
 */
exports.onExecutePostLogin = async (event, api) => {
  const namespace = 'https://shop.example.com';
  const plan = (event.user.app_metadata && event.user.app_metadata.plan) || 'free';
  api.idToken.setCustomClaim(`${namespace}/plan`, plan);
  api.accessToken.setCustomClaim(`${namespace}/plan`, plan);
};
