// Bouncy Castle (Debian's libbcprov-java / libbcpkix-java) as a CMS oracle for cms-bouncycastle.test.ts: each
// subcommand reads and writes files, so the test can hand BC what Courier wrote and Courier what BC wrote.
// `batch FILE` runs one command per line in a single JVM and prints one result line per command
// ("ok <facts>" or "fail <reason>"), because JVM start-up is the slow part.
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSCompressedData;
import org.bouncycastle.cms.CMSCompressedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.jcajce.JceAsymmetricKeyWrapper;

public final class CmsOracle {
  private static final String BC = "BC";

  public static void main(String[] args) throws Exception {
    Security.addProvider(new BouncyCastleProvider());
    if (args.length == 2 && args[0].equals("batch")) {
      try (BufferedReader lines = new BufferedReader(new FileReader(args[1]))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isBlank()) continue;
          System.out.println(runReporting(line.trim().split("\\s+")));
        }
      }
      return;
    }
    String result = runReporting(args);
    System.out.println(result);
    if (!result.startsWith("ok")) System.exit(1);
  }

  private static String runReporting(String[] command) {
    try {
      return "ok " + run(command);
    } catch (Exception e) {
      return "fail " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
    }
  }

  /** Options are --name value or --flag; the rest are positional file paths. */
  private static String option(List<String> args, String name, String fallback) {
    int at = args.indexOf("--" + name);
    if (at < 0) return fallback;
    String value = args.get(at + 1);
    args.subList(at, at + 2).clear();
    return value;
  }

  private static boolean flag(List<String> args, String name) {
    return args.remove("--" + name);
  }

  private static String run(String[] command) throws Exception {
    List<String> args = new ArrayList<>(Arrays.asList(command).subList(1, command.length));
    switch (command[0]) {
      case "compress": {
        byte[] out = new CMSCompressedDataGenerator().generate(new CMSProcessableByteArray(read(args.get(0))), new ZlibCompressor()).getEncoded();
        write(args.get(1), out);
        return "compressed";
      }
      case "decompress": {
        CMSCompressedData data = new CMSCompressedData(read(args.get(0)));
        write(args.get(1), data.getContent(new ZlibExpanderProvider()));
        return "contentType=" + data.getCompressedContentType().getId();
      }
      case "encrypt":
        return encrypt(args);
      case "decrypt":
        return decrypt(args);
      case "sign":
        return sign(args);
      case "verify":
        return verify(args);
      default:
        throw new IllegalArgumentException("unknown command " + command[0]);
    }
  }

  /** encrypt --alg IDEA_CBC|AES128_GCM|AES256_CCM|… [--oaep SHA-256] CERT IN OUT */
  private static String encrypt(List<String> args) throws Exception {
    ASN1ObjectIdentifier alg = (ASN1ObjectIdentifier) CMSAlgorithm.class.getField(option(args, "alg", "AES128_CBC")).get(null);
    String oaep = option(args, "oaep", null);
    X509Certificate cert = certificate(args.get(0));
    JceKeyTransRecipientInfoGenerator recipient = oaep == null
        ? new JceKeyTransRecipientInfoGenerator(cert)
        : new JceKeyTransRecipientInfoGenerator(cert, new JceAsymmetricKeyWrapper(
            new OAEPParameterSpec(oaep, "MGF1", new MGF1ParameterSpec(oaep), PSource.PSpecified.DEFAULT), cert.getPublicKey()).setProvider(BC));
    recipient.setProvider(BC);
    CMSProcessableByteArray content = new CMSProcessableByteArray(read(args.get(1)));
    OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(alg).setProvider(BC).build();
    byte[] out;
    if (encryptor instanceof OutputAEADEncryptor) {
      CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
      generator.addRecipientInfoGenerator(recipient);
      out = generator.generate(content, (OutputAEADEncryptor) encryptor).getEncoded();
    } else {
      CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
      generator.addRecipientInfoGenerator(recipient);
      out = generator.generate(content, encryptor).getEncoded();
    }
    write(args.get(2), out);
    return alg.getId();
  }

  /** decrypt KEY CERT IN OUT: EnvelopedData or AuthEnvelopedData, whichever IN holds. Prints the content cipher OID. */
  private static String decrypt(List<String> args) throws Exception {
    PrivateKey key = privateKey(args.get(0));
    X509Certificate cert = certificate(args.get(1));
    byte[] message = read(args.get(2));
    ContentInfo info = ContentInfo.getInstance(message);
    RecipientInformationStore recipients;
    String cipher;
    boolean authenticated = info.getContentType().equals(CMSObjectIdentifiers.authEnvelopedData);
    if (authenticated) {
      CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(message);
      recipients = data.getRecipientInfos();
      cipher = org.bouncycastle.asn1.cms.AuthEnvelopedData.getInstance(info.getContent()).getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm().getId()
          + (data.getAuthAttrs() == null ? "" : " authAttrs=" + data.getAuthAttrs().size());
    } else {
      CMSEnvelopedData data = new CMSEnvelopedData(message);
      recipients = data.getRecipientInfos();
      cipher = data.getEncryptionAlgOID();
    }
    RecipientInformation recipient = recipients.get(new JceKeyTransRecipientId(cert));
    if (recipient == null) throw new IllegalStateException("no recipient matches the certificate");
    write(args.get(3), recipient.getContent(authenticated
        ? new JceKeyTransAuthEnvelopedRecipient(key).setProvider(BC)
        : new JceKeyTransEnvelopedRecipient(key).setProvider(BC)));
    return cipher + " keyTransport=" + recipient.getKeyEncryptionAlgOID();
  }

  /** sign --digest SHA256 [--pss] [--detached] KEY CERT IN OUT */
  private static String sign(List<String> args) throws Exception {
    String digest = option(args, "digest", "SHA256");
    boolean pss = flag(args, "pss");
    boolean detached = flag(args, "detached");
    PrivateKey key = privateKey(args.get(0));
    X509Certificate cert = certificate(args.get(1));
    JcaContentSignerBuilder signer = new JcaContentSignerBuilder(digest + (pss ? "withRSAandMGF1" : "withRSA")).setProvider(BC);
    if (pss) {
      String name = digest.replace("SHA", "SHA-");
      int length = java.security.MessageDigest.getInstance(name).getDigestLength();
      signer = new JcaContentSignerBuilder("RSASSA-PSS", new PSSParameterSpec(name, "MGF1", new MGF1ParameterSpec(name), length, 1)).setProvider(BC);
    }
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()).build(signer.build(key), cert));
    generator.addCertificates(new JcaCertStore(Collections.singletonList(cert)));
    CMSSignedData signed = generator.generate(new CMSProcessableByteArray(read(args.get(2))), !detached);
    write(args.get(3), signed.getEncoded());
    return signed.getSignerInfos().getSigners().iterator().next().getEncryptionAlgOID();
  }

  /** verify [--content FILE] CERT IN OUT: every signer must verify with CERT; writes the encapsulated content (or the detached one). */
  private static String verify(List<String> args) throws Exception {
    String detached = option(args, "content", null);
    X509Certificate cert = certificate(args.get(0));
    byte[] message = read(args.get(1));
    CMSSignedData signed = detached == null ? new CMSSignedData(message) : new CMSSignedData(new CMSProcessableByteArray(read(detached)), message);
    StringBuilder facts = new StringBuilder();
    for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
      if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(cert))) throw new SecurityException("signature does not verify");
      facts.append(signer.getDigestAlgOID()).append(' ').append(signer.getEncryptionAlgOID());
    }
    if (facts.length() == 0) throw new IllegalStateException("no signers");
    write(args.get(2), detached == null ? (byte[]) signed.getSignedContent().getContent() : read(detached));
    return facts.toString();
  }

  private static byte[] read(String path) throws Exception {
    return Files.readAllBytes(Paths.get(path));
  }

  private static void write(String path, byte[] bytes) throws Exception {
    Files.write(Paths.get(path), bytes);
  }

  private static X509Certificate certificate(String path) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(read(path)));
  }

  /** An unencrypted PKCS#8 PEM key (openssl genpkey / req -nodes). */
  private static PrivateKey privateKey(String path) throws Exception {
    try (PEMParser parser = new PEMParser(new FileReader(path))) {
      return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(PrivateKeyInfo.getInstance(parser.readObject()));
    }
  }
}
