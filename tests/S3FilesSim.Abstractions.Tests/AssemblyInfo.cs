using System.Runtime.Versioning;

// The parity suite's reference is System.IO on Linux (the host of an S3 Files mount).
[assembly: SupportedOSPlatform("linux")]
