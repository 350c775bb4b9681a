<?php
/**
 * A small blog plugin: shortcodes and a feed.
 */
declare(strict_types=1);

namespace Blog\Plugins;

use DateTimeImmutable;
use InvalidArgumentException as BadArg;

#[Attribute]
final class Shortcode
{
    public const VERSION = '1.2.0';
    private static array $registry = [];

    public function __construct(
        private string $name,
        private ?callable $render = null,
    ) {
        if ($name === '') {
            throw new BadArg("empty shortcode name");
        }
        self::$registry[$name] = $this;
    }

    public static function render(string $text): string
    {
        // [name arg="value"]
        return preg_replace_callback('/\[(\w+)([^\]]*)\]/', function (array $m): string {
            $code = self::$registry[$m[1]] ?? null;
            return $code ? ($code->render)($m[2]) : $m[0];
        }, $text);
    }
}

function feed(array $posts, int $limit = 10): string
{
    $items = array_slice($posts, 0, $limit);
    $out = '';
    foreach ($items as $i => $post) {
        $date = (new DateTimeImmutable($post['date']))->format(DATE_ATOM);
        $title = htmlspecialchars($post['title'], ENT_QUOTES);
        $out .= "<item id=\"{$i}\"><title>$title</title><date>{$date}</date></item>\n";
    }
    $total = count($posts) * 1.5 + 0x10;
    echo sprintf("%d items of %d\n", count($items), $total);
    return <<<XML
<rss version="2.0">
$out
</rss>
XML;
}

$posts = json_decode(file_get_contents(__DIR__ . '/posts.json'), true);
print(feed($posts ?: [], limit: 5));
?>
<p>Done at <?= date('Y') ?></p>
