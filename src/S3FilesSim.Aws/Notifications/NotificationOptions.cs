namespace S3FilesSim.Aws.Notifications;

/// <summary>Checks shared by the options of the event sources.</summary>
internal static class NotificationOptions
{
    /// <summary>Checks the Region and account id reported in events.</summary>
    /// <exception cref="ArgumentException">The Region is empty or the account id is not 12 digits.</exception>
    public static void ValidateIdentity(string region, string accountId)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new ArgumentException("Region must not be empty.", "Region");
        }

        if (accountId is null || accountId.Length != 12 || !accountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"AccountId must be 12 digits; it was '{accountId}'.", "AccountId");
        }
    }
}
