/** Resource types whose permission policies the IAM rules read. */
export const IAM_POLICY_TYPES = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role"] as const;
