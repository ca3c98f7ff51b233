using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace S3FilesSim.Server.S3.Body;

/// <summary>The additional checksum algorithms of S3 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).</summary>
internal enum ChecksumAlgorithm
{
    Crc32,
    Crc32C,
    Crc64Nvme,
    Sha1,
    Sha256,
}

/// <summary>A checksum value as S3 prints it: the algorithm and the base64 of the big-endian digest.</summary>
/// <param name="Algorithm">The algorithm.</param>
/// <param name="Base64">The base64 value.</param>
internal sealed record ChecksumValue(ChecksumAlgorithm Algorithm, string Base64)
{
    /// <summary>Gets the response header that carries it, e.g. <c>x-amz-checksum-crc32</c>.</summary>
    public string HeaderName => Checksums.HeaderName(Algorithm);

    /// <summary>Gets the XML element that carries it, e.g. <c>ChecksumCRC32</c>.</summary>
    public string ElementName => Checksums.ElementName(Algorithm);
}

/// <summary>Names, parsing and computation of the checksum algorithms.</summary>
internal static class Checksums
{
    public static readonly ChecksumAlgorithm[] All = Enum.GetValues<ChecksumAlgorithm>();

    public static string HeaderName(ChecksumAlgorithm algorithm) => "x-amz-checksum-" + algorithm.ToString().ToLowerInvariant();

    /// <summary>Returns the name S3 uses in <c>x-amz-checksum-algorithm</c> and <c>x-amz-sdk-checksum-algorithm</c>, e.g. <c>CRC32C</c>.</summary>
    public static string Name(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "CRC32",
        ChecksumAlgorithm.Crc32C => "CRC32C",
        ChecksumAlgorithm.Crc64Nvme => "CRC64NVME",
        ChecksumAlgorithm.Sha1 => "SHA1",
        _ => "SHA256",
    };

    public static string ElementName(ChecksumAlgorithm algorithm) => "Checksum" + Name(algorithm);

    public static ChecksumAlgorithm? ParseName(string? name) =>
        name is null ? null : All.Cast<ChecksumAlgorithm?>().FirstOrDefault(a => string.Equals(Name(a!.Value), name, StringComparison.OrdinalIgnoreCase));

    public static ChecksumAlgorithm? ParseHeaderName(string? header) =>
        header is null ? null : All.Cast<ChecksumAlgorithm?>().FirstOrDefault(a => string.Equals(HeaderName(a!.Value), header, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the digest length in bytes.</summary>
    public static int Length(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C => 4,
        ChecksumAlgorithm.Crc64Nvme => 8,
        ChecksumAlgorithm.Sha1 => 20,
        _ => 32,
    };

    /// <summary>Returns whether <paramref name="base64"/> decodes to a digest of the algorithm's length.</summary>
    public static bool IsWellFormed(ChecksumAlgorithm algorithm, string base64)
    {
        Span<byte> buffer = stackalloc byte[40];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written == Length(algorithm);
    }

    public static ChecksumHasher CreateHasher(ChecksumAlgorithm algorithm) => new(algorithm);

    /// <summary>Returns whether the algorithm is a CRC, whose values of consecutive parts combine into the value of the whole (full-object checksums).</summary>
    public static bool IsCrc(ChecksumAlgorithm algorithm) => algorithm is ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C or ChecksumAlgorithm.Crc64Nvme;

    /// <summary>Returns the full-object CRC of parts from each part's CRC and length, without their bytes: the CRC combination
    /// of zlib's <c>crc32_combine</c>, which holds for every reflected CRC with all-ones initial and final values (CRC32, CRC32C, CRC64NVME).</summary>
    public static ChecksumValue CombineCrcs(ChecksumAlgorithm algorithm, IReadOnlyList<(ChecksumValue Checksum, long Length)> parts)
    {
        var (width, polynomial) = algorithm switch
        {
            ChecksumAlgorithm.Crc32 => (32, 0xEDB88320UL),
            ChecksumAlgorithm.Crc32C => (32, 0x82F63B78UL),
            ChecksumAlgorithm.Crc64Nvme => (64, 0x9A6C9329AC4BC9B5UL),
            _ => throw new ArgumentException($"{algorithm} values do not combine.", nameof(algorithm)),
        };
        ulong combined = 0;
        var first = true;
        foreach (var (checksum, length) in parts)
        {
            var value = ToInteger(checksum.Base64);
            combined = first ? value : Combine(combined, value, length, polynomial, width);
            first = false;
        }

        Span<byte> digest = stackalloc byte[8];
        if (width == 32)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest, (uint)combined);
            return new ChecksumValue(algorithm, Convert.ToBase64String(digest[..4]));
        }

        BinaryPrimitives.WriteUInt64BigEndian(digest, combined);
        return new ChecksumValue(algorithm, Convert.ToBase64String(digest));
    }

    private static ulong ToInteger(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        return bytes.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    /// <summary>The CRC of A followed by B, from CRC(A), CRC(B) and the length of B: apply len(B) zero bytes to CRC(A) with
    /// the GF(2) operator matrix squared per bit of the length, then add CRC(B).</summary>
    private static ulong Combine(ulong crc1, ulong crc2, long length2, ulong polynomial, int width)
    {
        if (length2 == 0)
        {
            return crc1;
        }

        var odd = new ulong[width];
        var even = new ulong[width];
        odd[0] = polynomial;
        ulong row = 1;
        for (var n = 1; n < width; n++)
        {
            odd[n] = row;
            row <<= 1;
        }

        Square(even, odd);
        Square(odd, even);
        do
        {
            Square(even, odd);
            if ((length2 & 1) != 0)
            {
                crc1 = Times(even, crc1);
            }

            length2 >>= 1;
            if (length2 == 0)
            {
                break;
            }

            Square(odd, even);
            if ((length2 & 1) != 0)
            {
                crc1 = Times(odd, crc1);
            }

            length2 >>= 1;
        }
        while (length2 != 0);
        return crc1 ^ crc2;
    }

    private static ulong Times(ulong[] matrix, ulong vector)
    {
        ulong sum = 0;
        for (var i = 0; vector != 0; i++, vector >>= 1)
        {
            if ((vector & 1) != 0)
            {
                sum ^= matrix[i];
            }
        }

        return sum;
    }

    private static void Square(ulong[] square, ulong[] matrix)
    {
        for (var n = 0; n < matrix.Length; n++)
        {
            square[n] = Times(matrix, matrix[n]);
        }
    }

    /// <summary>Computes the checksum of <paramref name="data"/> in one call.</summary>
    public static ChecksumValue Compute(ChecksumAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        using var hasher = CreateHasher(algorithm);
        hasher.Append(data);
        return hasher.Finish();
    }
}

/// <summary>An incremental checksum computation.</summary>
internal sealed class ChecksumHasher : IDisposable
{
    private readonly NonCryptographicHashAlgorithm? _crc;
    private readonly IncrementalHash? _sha;

    public ChecksumHasher(ChecksumAlgorithm algorithm)
    {
        Algorithm = algorithm;
        switch (algorithm)
        {
            case ChecksumAlgorithm.Crc32:
                _crc = new Crc32();
                break;
            case ChecksumAlgorithm.Crc32C:
                _crc = new Crc32(Crc32ParameterSet.Crc32C);
                break;
            case ChecksumAlgorithm.Crc64Nvme:
                _crc = new Crc64(Crc64ParameterSet.Nvme);
                break;
            case ChecksumAlgorithm.Sha1:
                _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
                break;
            default:
                _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                break;
        }
    }

    public ChecksumAlgorithm Algorithm { get; }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_crc is not null)
        {
            _crc.Append(data);
        }
        else
        {
            _sha!.AppendData(data);
        }
    }

    /// <summary>Returns the checksum of everything appended, big-endian as S3 prints CRCs.</summary>
    public ChecksumValue Finish()
    {
        Span<byte> digest = stackalloc byte[32];
        int length;
        switch (_crc)
        {
            case Crc32 crc32:
                BinaryPrimitives.WriteUInt32BigEndian(digest, crc32.GetCurrentHashAsUInt32());
                length = 4;
                break;
            case Crc64 crc64:
                BinaryPrimitives.WriteUInt64BigEndian(digest, crc64.GetCurrentHashAsUInt64());
                length = 8;
                break;
            default:
                length = _sha!.GetCurrentHash(digest);
                break;
        }

        return new ChecksumValue(Algorithm, Convert.ToBase64String(digest[..length]));
    }

    public void Dispose() => _sha?.Dispose();
}
