using S3FilesSim.ObjectStorage;

namespace S3FilesSim.Server.S3.Operations;

/// <summary>ListBuckets (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html), with <c>prefix</c>,
/// <c>max-buckets</c> and <c>continuation-token</c>.</summary>
internal sealed class ListBucketsOperation : S3Operation
{
    public override string Name => "ListBuckets";

    public override Task HandleAsync(S3RequestContext context)
    {
        var prefix = context.Query.Get("prefix") ?? string.Empty;
        var after = context.Query.Get("continuation-token");
        var max = context.Query.GetInt("max-buckets", 10_000, min: 1, max: 10_000);
        var buckets = context.Service.Buckets.List()
            .Where(b => b.Bucket.BucketName.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(b.Bucket.BucketName, after) > 0))
            .ToList();
        var page = buckets.Take(max).ToList();
        return S3Xml.WriteAsync(context.Response, "ListAllMyBucketsResult", writer =>
        {
            writer.Owner(context.Service.Account);
            writer.WriteStartElement("Buckets");
            foreach (var (bucket, info) in page)
            {
                writer.WriteStartElement("Bucket");
                writer.Element("Name", bucket.BucketName);
                writer.Element("CreationDate", info.CreationDate);
                writer.Element("BucketRegion", context.Service.Buckets.Region);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            if (buckets.Count > page.Count)
            {
                writer.Element("ContinuationToken", page[^1].Bucket.BucketName);
            }

            if (prefix.Length > 0)
            {
                writer.Element("Prefix", prefix);
            }
        });
    }
}

/// <summary>CreateBucket (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html): an in-memory bucket on the
/// simulation's clock, versioned (S3 Files requires versioning) unless the server was told otherwise.</summary>
internal sealed class CreateBucketOperation : S3Operation
{
    public override string Name => "CreateBucket";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var name = context.BucketName!;
        ObjectHeaders.RejectUnmodelled(context, Name);
        if (string.Equals(context.Header("x-amz-bucket-object-lock-enabled"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new S3Exception(S3Error.NotImplemented, "CreateBucket with x-amz-bucket-object-lock-enabled is not implemented: S3FilesSim's buckets do not model Object Lock.").With("Operation", Name);
        }

        string? location = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            var configuration = await S3Xml.ReadAsync(context).ConfigureAwait(false);
            location = configuration.Child("LocationConstraint");
            if (location is { Length: > 0 } && location != context.Service.Buckets.Region && !(location == "US" && context.Service.Buckets.Region == "us-east-1"))
            {
                throw new S3Exception(new S3Error("IllegalLocationConstraintException", 400, $"The {location} location constraint is incompatible for the region specific endpoint this request was sent to."))
                    .With("BucketName", name);
            }
        }

        try
        {
            context.Service.Buckets.Create(name, location, context.Service.Options.VersionNewBuckets);
        }
        catch (S3Exception exception) when (exception.Error == S3Error.BucketAlreadyOwnedByYou && context.Service.Buckets.Region == "us-east-1")
        {
            // In us-east-1, S3 answers 200 to a CreateBucket of a bucket the caller already owns (a legacy behaviour
            // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html describes); other Regions answer 409.
        }

        context.Response.Headers.Location = "/" + name;
        context.Response.ContentLength = 0;
    }
}

/// <summary>DeleteBucket (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html): only an empty bucket.</summary>
internal sealed class DeleteBucketOperation : S3Operation
{
    public override string Name => "DeleteBucket";

    public override Task HandleAsync(S3RequestContext context)
    {
        context.Service.Buckets.Delete(context.BucketName!);
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }
}

/// <summary>HeadBucket (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html).</summary>
internal sealed class HeadBucketOperation : S3Operation
{
    public override string Name => "HeadBucket";

    public override Task HandleAsync(S3RequestContext context)
    {
        context.Bucket();
        context.Response.Headers["x-amz-bucket-region"] = context.Service.Buckets.Region;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}

/// <summary>GetBucketLocation (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html): empty for us-east-1.</summary>
internal sealed class GetBucketLocationOperation : S3Operation
{
    public override string Name => "GetBucketLocation";

    public override Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var info = context.Service.Buckets.Info(bucket.BucketName);
        return S3Xml.WriteAsync(context.Response, "LocationConstraint", writer => writer.WriteString(info.LocationConstraint));
    }
}

/// <summary>GetBucketVersioning (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html): no
/// <c>Status</c> while the bucket was never versioned.</summary>
internal sealed class GetBucketVersioningOperation : S3Operation
{
    public override string Name => "GetBucketVersioning";

    public override Task HandleAsync(S3RequestContext context)
    {
        var status = context.Bucket().VersioningStatus;
        return S3Xml.WriteAsync(context.Response, "VersioningConfiguration", writer =>
        {
            if (status != BucketVersioningStatus.Unversioned)
            {
                writer.Element("Status", status.ToString());
            }
        });
    }
}

/// <summary>PutBucketVersioning (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html): Enabled or
/// Suspended; MFA delete is not modelled.</summary>
internal sealed class PutBucketVersioningOperation : S3Operation
{
    public override string Name => "PutBucketVersioning";

    public override async Task HandleAsync(S3RequestContext context)
    {
        var bucket = context.Bucket();
        var configuration = await S3Xml.ReadAsync(context).ConfigureAwait(false);
        if (configuration.Name.LocalName != "VersioningConfiguration")
        {
            throw new S3Exception(S3Error.MalformedXml);
        }

        if (configuration.Child("MfaDelete") is "Enabled")
        {
            throw new S3Exception(S3Error.NotImplemented, "PutBucketVersioning with MfaDelete is not implemented: S3FilesSim's buckets do not model MFA delete.").With("Operation", Name);
        }

        var status = configuration.Child("Status") switch
        {
            "Enabled" => BucketVersioningStatus.Enabled,
            "Suspended" => BucketVersioningStatus.Suspended,
            null when configuration.Child("MfaDelete") is not null => bucket.VersioningStatus,
            _ => throw new S3Exception(S3Error.MalformedXml),
        };
        if (status != BucketVersioningStatus.Unversioned)
        {
            bucket.PutBucketVersioning(status);
        }

        context.Response.ContentLength = 0;
    }
}
