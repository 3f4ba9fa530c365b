/** The error a call gets when its principal is not allowed, worded as each service words it. */

export interface Denial {
  code: string;
  message: string;
}

/** The IAM action a CloudTrail event name stands for (`ListFunctions20150331` → `lambda:ListFunctions`). */
export function actionOf(source: string, name: string): string {
  const service = source === 'monitoring.amazonaws.com' ? 'cloudwatch' : source.replace('.amazonaws.com', '');
  return `${service}:${name.replace(/\d{8}(v\d)?$/, '')}`;
}

export function accessDenied(source: string, name: string, principalArn: string, resource?: string): Denial {
  const action = actionOf(source, name);
  if (source === 's3.amazonaws.com') return { code: 'AccessDenied', message: 'Access Denied' };
  if (source === 'ec2.amazonaws.com') {
    return {
      code: 'Client.UnauthorizedOperation',
      message: `You are not authorized to perform this operation. User: ${principalArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
    };
  }
  const on = resource ? ` on resource: ${resource}` : '';
  return {
    code:
      source === 'lambda.amazonaws.com' || source === 'guardduty.amazonaws.com'
        ? 'AccessDeniedException'
        : 'AccessDenied',
    message: `User: ${principalArn} is not authorized to perform: ${action}${on} because no identity-based policy allows the ${action} action`,
  };
}
