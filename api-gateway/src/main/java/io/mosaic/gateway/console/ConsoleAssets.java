package io.mosaic.gateway.console;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files of the console ({@code /console}): its own pages, scripts and styles, flat under
 * {@code META-INF/resources/console/}, and the exact library files it loads from the gateway's jar. Nothing else
 * outside {@code /v1} and {@code /q} is served; these paths are public (a page holds no data, every call it makes
 * carries the signed-in key).
 */
public final class ConsoleAssets {
    public static final String ENTRY = "/console";
    public static final String INDEX = "/console/";

    /** The libraries, at the versions the build bundles ({@code htm.version}, {@code echarts.version}). */
    public static final Set<String> LIBRARIES =
            Set.of("/_static/htm/3.1.1/preact/standalone.module.js", "/webjars/echarts/5.3.1/dist/echarts.esm.min.js");

    /** One flat file name: letters, digits and dashes, one known extension; no dot segments can be spelled. */
    private static final Pattern OWN_FILE = Pattern.compile("/console/[a-z0-9-]{1,64}\\.(html|js|css|svg|png)");

    private ConsoleAssets() {}

    public static boolean isAsset(String rawPath) {
        return rawPath.equals(INDEX)
                || LIBRARIES.contains(rawPath)
                || OWN_FILE.matcher(rawPath).matches();
    }
}
