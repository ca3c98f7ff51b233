using System.IO.Abstractions;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace S3FilesSim.Abstractions;

/// <summary>
/// <c>FileVersionInfo.GetVersionInfo</c> for a file on the mount, as .NET reads it on Linux: a managed assembly's version
/// attributes (AssemblyFileVersion, AssemblyInformationalVersion, AssemblyCompany, ...) read from its metadata; any other
/// regular file gives an empty record carrying only <see cref="FileName"/>.
/// </summary>
internal sealed class SimulatedFileVersionInfo : IFileVersionInfo
{
    private SimulatedFileVersionInfo(string fileName)
    {
        FileName = fileName;
    }

    public string? Comments { get; private set; }

    public string? CompanyName { get; private set; }

    public int FileBuildPart { get; private set; }

    public string? FileDescription { get; private set; }

    public int FileMajorPart { get; private set; }

    public int FileMinorPart { get; private set; }

    public string FileName { get; }

    public int FilePrivatePart { get; private set; }

    public string? FileVersion { get; private set; }

    public string? InternalName { get; private set; }

    public bool IsDebug => false;

    public bool IsPatched => false;

    public bool IsPreRelease => false;

    public bool IsPrivateBuild => false;

    public bool IsSpecialBuild => false;

    public string? Language { get; private set; }

    public string? LegalCopyright { get; private set; }

    public string? LegalTrademarks { get; private set; }

    public string? OriginalFilename { get; private set; }

    public string? PrivateBuild { get; private set; }

    public int ProductBuildPart { get; private set; }

    public int ProductMajorPart { get; private set; }

    public int ProductMinorPart { get; private set; }

    public string? ProductName { get; private set; }

    public int ProductPrivatePart { get; private set; }

    public string? ProductVersion { get; private set; }

    public string? SpecialBuild { get; private set; }

    /// <summary>Reads the version record of <paramref name="fullPath"/>, a regular file (else <see cref="FileNotFoundException"/>).</summary>
    public static SimulatedFileVersionInfo Read(SimulatedFileSystem fileSystem, string fullPath)
    {
        if (fileSystem.Context.Stat(fullPath, out var status) != MountContext.Ok || status!.Type != S3FilesSim.FileSystem.FileType.RegularFile)
        {
            throw new FileNotFoundException(SystemIOMessages.Format(SystemIOMessages.FileNotFound, fullPath), fullPath);
        }

        var info = new SimulatedFileVersionInfo(fullPath);
        try
        {
            using var stream = fileSystem.File.OpenRead(fullPath);
            using var pe = new PEReader(stream);
            if (pe.HasMetadata)
            {
                var metadata = pe.GetMetadataReader();
                if (metadata.IsAssembly)
                {
                    info.LoadAssembly(metadata, pe.PEHeaders.IsExe);
                }
            }
        }
        catch (Exception exception) when (exception is BadImageFormatException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Not a managed assembly (or unreadable): the record stays empty, as in .NET.
        }

        return info;
    }

    private void LoadAssembly(MetadataReader metadata, bool isExe)
    {
        var assembly = metadata.GetAssemblyDefinition();
        var name = metadata.GetString(assembly.Name);
        if (!name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name += isExe ? ".exe" : ".dll";
        }

        InternalName = OriginalFilename = name;
        var version = assembly.Version;
        ProductVersion = version.ToString();
        (ProductMajorPart, ProductMinorPart, ProductBuildPart, ProductPrivatePart) = (version.Major, version.Minor, Math.Max(version.Build, 0), Math.Max(version.Revision, 0));
        Language = "Language Neutral";
        CompanyName = Comments = FileVersion = LegalTrademarks = ProductName = PrivateBuild = SpecialBuild = string.Empty;
        FileDescription = LegalCopyright = " ";
        var informational = false;
        foreach (var handle in assembly.GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (!TryGetAttributeName(metadata, attribute, out var ns, out var type) || ns != "System.Reflection" || StringArgument(metadata, attribute) is not { } value)
            {
                continue;
            }

            switch (type)
            {
                case "AssemblyCompanyAttribute":
                    CompanyName = value;
                    break;
                case "AssemblyCopyrightAttribute":
                    LegalCopyright = value;
                    break;
                case "AssemblyDescriptionAttribute":
                    Comments = value;
                    break;
                case "AssemblyFileVersionAttribute":
                    FileVersion = value;
                    (FileMajorPart, FileMinorPart, FileBuildPart, FilePrivatePart) = ParseVersion(value);
                    break;
                case "AssemblyInformationalVersionAttribute":
                    ProductVersion = value;
                    (ProductMajorPart, ProductMinorPart, ProductBuildPart, ProductPrivatePart) = ParseVersion(value);
                    informational = true;
                    break;
                case "AssemblyProductAttribute":
                    ProductName = value;
                    break;
                case "AssemblyTrademarkAttribute":
                    LegalTrademarks = value;
                    break;
                case "AssemblyTitleAttribute":
                    FileDescription = value;
                    break;
            }
        }

        if (!informational && ProductVersion == "0.0.0.0")
        {
            ProductVersion = FileVersion;
            (ProductMajorPart, ProductMinorPart, ProductBuildPart, ProductPrivatePart) = (FileMajorPart, FileMinorPart, FileBuildPart, FilePrivatePart);
        }
    }

    private static bool TryGetAttributeName(MetadataReader metadata, CustomAttribute attribute, out string ns, out string type)
    {
        (ns, type) = (string.Empty, string.Empty);
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                if (parent.Kind != HandleKind.TypeReference)
                {
                    return false;
                }

                var reference = metadata.GetTypeReference((TypeReferenceHandle)parent);
                (ns, type) = (metadata.GetString(reference.Namespace), metadata.GetString(reference.Name));
                return true;
            case HandleKind.MethodDefinition:
                var definition = metadata.GetTypeDefinition(metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType());
                (ns, type) = (metadata.GetString(definition.Namespace), metadata.GetString(definition.Name));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The single string argument of an attribute blob (prolog 0x0001, then a SerString).</summary>
    private static string? StringArgument(MetadataReader metadata, CustomAttribute attribute)
    {
        var blob = metadata.GetBlobReader(attribute.Value);
        return blob.Length >= 4 && blob.ReadInt16() == 1 ? blob.ReadSerializedString() : null;
    }

    /// <summary>Up to four dot-separated parts, each read up to its first non-digit (as FileVersionInfo parses).</summary>
    private static (int Major, int Minor, int Build, int Private) ParseVersion(string value)
    {
        var parts = value.Split('.');
        if (parts.Length is 0 or > 4)
        {
            return default;
        }

        var numbers = new int[4];
        for (var i = 0; i < parts.Length; i++)
        {
            ushort number = 0;
            var endedEarly = false;
            foreach (var c in parts[i])
            {
                if (!char.IsAsciiDigit(c))
                {
                    endedEarly = true;
                    break;
                }

                number = (ushort)((number * 10) + (c - '0'));
            }

            numbers[i] = number;
            if (endedEarly)
            {
                break;
            }
        }

        return (numbers[0], numbers[1], numbers[2], numbers[3]);
    }
}

/// <summary><c>FileVersionInfo.GetVersionInfo(path)</c> over the mount.</summary>
internal sealed class SimulatedFileVersionInfoFactory(SimulatedFileSystem fileSystem) : IFileVersionInfoFactory
{
    public System.IO.Abstractions.IFileSystem FileSystem => fileSystem;

    public IFileVersionInfo GetVersionInfo(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var fullPath = fileSystem.Context.GetFullPath(fileName);
        if (!fileSystem.File.Exists(fullPath))
        {
            throw new FileNotFoundException(fullPath);
        }

        return SimulatedFileVersionInfo.Read(fileSystem, fullPath);
    }
}
