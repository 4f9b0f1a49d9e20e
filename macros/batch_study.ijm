// Bone Lesion: a whole study folder (images described by design.csv), analysed as
// `./bonelesion study --input INPUT --out OUTPUT` would: one sub-folder per image, specimens.csv,
// groups.csv, comparisons.csv, report.html and errors.csv (a bad image is one row there; the
// others go on). Earlier results whose inputs and parameters are unchanged are reused.
//
// Fiji:     ImageJ-linux64 --headless -batch batch_study.ijm "input=/data/study output=/results/study"
// Further key=value pairs go to Plugins > Bone Lesion > Run Study (control=, stages=, force, threads=).

var MACRO = "batch_study";
args = getArgument();
input = argValue(args, "input");
output = argValue(args, "output");
if (input == "" || output == "") exit(MACRO + ": give input=<study folder> output=<folder> (paths with spaces in [brackets])");
if (!File.exists(input + File.separator + "design.csv")) exit(MACRO + ": " + input + " holds no design.csv");
extra = argWithout(argWithout(args, "input"), "output");
setBatchMode(true);
File.makeDirectory(output);
run("Run Study", "input=[" + input + "] out=[" + output + "] " + extra);
errorsFile = output + File.separator + "errors.csv";
errorLines = "";
if (File.exists(errorsFile)) errorLines = dataLines(errorsFile);
if (!File.exists(output + File.separator + "specimens.csv")) print(MACRO + ": the study did not run: see the messages above");
else if (errorLines != "") print(MACRO + ": done, with errors: see " + errorsFile);
else print(MACRO + ": done; wrote " + output + File.separator + "specimens.csv, groups.csv, report.html");

// ---- helpers (the same in batch_ct.ijm, batch_histo.ijm and batch_study.ijm) ----

// The value of key=value or key=[value with spaces] in the argument, or "".
function argValue(args, key) {
	a = " " + args;
	i = indexOf(a, " " + key + "=");
	if (i < 0) return "";
	start = i + lengthOf(key) + 2;
	if (substring(a, start, start + 1) == "[") {
		end = indexOf(a, "]", start);
		if (end < 0) end = lengthOf(a);
		return substring(a, start + 1, end);
	}
	end = indexOf(a, " ", start);
	if (end < 0) end = lengthOf(a);
	return substring(a, start, end);
}

// The argument without the given key=value pair (the rest is handed to the command).
function argWithout(args, key) {
	v = argValue(args, key);
	a = " " + args + " ";
	whole = " " + key + "=" + v + " ";
	if (indexOf(a, whole) < 0) whole = " " + key + "=[" + v + "] ";
	i = indexOf(a, whole);
	if (i < 0) return args;
	return String.trim(substring(a, 0, i) + " " + substring(a, i + lengthOf(whole)));
}

// The specimen name of a file: its name without the image extension (as the command line names it).
function specimenOf(file) {
	if (endsWith(file, "/")) file = substring(file, 0, lengthOf(file) - 1);
	exts = newArray(".nii.gz", ".ome.tiff", ".ome.tif", ".tiff", ".tif", ".png", ".jpg", ".jpeg", ".dcm", ".isq", ".nii", ".mhd", ".raw", ".bmp");
	lower = toLowerCase(file);
	for (e = 0; e < exts.length; e++) {
		if (endsWith(lower, exts[e]) && lengthOf(file) > lengthOf(exts[e])) return substring(file, 0, lengthOf(file) - lengthOf(exts[e]));
	}
	return file;
}

// True for a name with one of the extensions.
function hasExtension(file, exts) {
	lower = toLowerCase(file);
	for (e = 0; e < exts.length; e++) if (endsWith(lower, exts[e])) return true;
	return false;
}

// The lines of a CSV file after its header, each ending in a newline ("" if none).
function dataLines(path) {
	text = File.openAsString(path);
	lines = split(text, "\n");
	out = "";
	for (l = 1; l < lines.length; l++) if (lengthOf(String.trim(lines[l])) > 0) out = out + lines[l] + "\n";
	return out;
}

// The first line of a CSV file.
function headerLine(path) {
	lines = split(File.openAsString(path), "\n");
	return lines[0];
}

// A CSV cell (quoted when it holds a comma, quote or newline).
function csvCell(s) {
	if (indexOf(s, ",") < 0 && indexOf(s, "\"") < 0 && indexOf(s, "\n") < 0) return s;
	return "\"" + replace(s, "\"", "\"\"") + "\"";
}
