using Monitoring.GazetteerBuild;

var root = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..");
var target = args.Length > 1 ? args[1] : Path.Combine(root, "..", "..", "src", "Monitoring.Extraction", "Data", "gazetteer.json");
File.WriteAllText(target, GazetteerBuilder.Build(Path.GetFullPath(root)));
Console.WriteLine($"wrote {Path.GetFullPath(target)}");
