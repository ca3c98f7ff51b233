using System.Runtime.Versioning;

// The FUSE tests mount through Linux FUSE; on Linux they never skip (a machine without /dev/fuse fails them with the fix).
[assembly: SupportedOSPlatform("linux")]
