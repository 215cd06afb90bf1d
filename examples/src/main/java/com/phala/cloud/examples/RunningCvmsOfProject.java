package com.phala.cloud.examples;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.cvm.PublicUrls;
import java.io.PrintStream;
import java.time.Duration;

/** The running CVMs of one project, with their uptime and public URLs. */
public final class RunningCvmsOfProject {
  private RunningCvmsOfProject() {}

  /** Runs the example; the argument is a project id such as prj_7Kd2mQ9xR4. */
  public static void main(String[] args) {
    try (PhalaCloud client = PhalaCloud.fromEnv()) {
      run(client, ProjectId.parse(args[0]), System.out);
    }
  }

  /** Prints each running CVM of {@code project}, its uptime and its public URLs. */
  public static void run(PhalaCloud client, ProjectId project, PrintStream out) {
    for (Cvm cvm : client.cvms().list(CvmShape.LEGACY).running().inProject(project)) {
      Duration uptime = cvm.hosted().uptime().orElse(Duration.ZERO);
      out.printf("%s up %dh %02dm%n", cvm.name(), uptime.toHours(), uptime.toMinutesPart());
      for (PublicUrls urls : cvm.publicUrls()) {
        out.println("  " + urls.app());
      }
    }
  }
}
