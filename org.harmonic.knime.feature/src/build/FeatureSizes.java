import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the real sizes of the built bundles into feature.xml, which Eclipse's install wizard shows:
 * download-size is the jar's size, install-size what it takes on disk once installed (the jar
 * itself, or the sum of its entries for a bundle that p2 unpacks, Eclipse-BundleShape: dir). Both
 * in KiB, rounded up, as feature.xml wants.
 *
 * <p>Usage: {@code java FeatureSizes.java FEATURE_XML ID=JAR ...}; each ID must have a plugin entry
 * with {@code download-size="0" install-size="0"}, and every such entry must be given a jar.
 */
public final class FeatureSizes {

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java FeatureSizes.java FEATURE_XML ID=JAR ...");
            System.exit(2);
        }
        Path featureXml = Path.of(args[0]);
        String xml = Files.readString(featureXml);
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            String id = args[i].substring(0, eq);
            Path jar = Path.of(args[i].substring(eq + 1));
            long download = kib(Files.size(jar));
            long install = kib(installBytes(jar));
            Pattern entry = Pattern.compile("(<plugin\\s+id=\"" + Pattern.quote(id)
                    + "\"[^>]*?download-size=\")0(\"\\s+install-size=\")0(\")");
            Matcher m = entry.matcher(xml);
            if (!m.find()) {
                throw new IllegalStateException(featureXml + " has no plugin " + id + " with sizes 0 to fill in");
            }
            xml = m.replaceFirst("$1" + download + "$2" + install + "$3");
            System.out.println(id + ": download " + download + " KiB, install " + install + " KiB");
        }
        if (xml.contains("download-size=\"0\"")) {
            throw new IllegalStateException(featureXml + " still has a plugin without sizes; pass its jar");
        }
        Files.writeString(featureXml, xml);
    }

    private static long installBytes(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String shape = file.getManifest().getMainAttributes().getValue("Eclipse-BundleShape");
            if (!"dir".equals(shape)) {
                return Files.size(jar);
            }
            return file.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
        }
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
