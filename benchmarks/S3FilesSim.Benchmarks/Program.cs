using BenchmarkDotNet.Running;
using S3FilesSim.Benchmarks.Infrastructure;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, SuiteConfig.For(args));
